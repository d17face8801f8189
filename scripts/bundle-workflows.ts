/** `npm run build`'s last step: the prebuilt workflow bundle (dist/workflow-bundle.js). */
import { ensureWorkflowBundle } from '../libs/dev-stack/src/workflow-bundle';

ensureWorkflowBundle().then(
  ({ path, rebuilt }) => rebuilt && process.stdout.write(`Workflow bundle written to ${path}\n`),
  (error: unknown) => {
    process.stderr.write(`Bundling workflows failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
