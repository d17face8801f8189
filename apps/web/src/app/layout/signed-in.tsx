import { App as AntApp } from 'antd';
import { AppLayout } from './app-layout';
import { RequireAuth } from './require-auth';

/** The signed-in frame (route module): sign-in first, then the layout and its pages. */
export function Component() {
  return (
    <AntApp>
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    </AntApp>
  );
}
