export type { ActiveRun } from './active-run.js';
export { createServerApp, type ServerAppSettings } from './create-server-app.js';
export { type ErrorBody, HttpError } from './http-error.js';
export type { LiveEvent, LiveSegment } from './live-event.js';
export { openRunIndex, type RunIndex, type RunRow, type RunStatus } from './run-index.js';
export { createRunManager, type RunManager, type RunManagerSettings } from './run-manager.js';
export { type PromptChange, type RunRequest, runRequestSchema } from './run-request.js';
export { isLoopback, type RunningServer, type StartServerSettings, startServer } from './start-server.js';
