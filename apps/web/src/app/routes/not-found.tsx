import { NotFoundResult } from '@/components/not-found-result';

export function Component() {
  return <NotFoundResult />;
}
