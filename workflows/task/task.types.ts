/**
 * The task lifecycle's types and message definitions, in one import: its domain (input, state,
 * events), the workflow's Updates and query, and the activities it calls. Shared by the workflow,
 * the worker's activities and the API.
 */
export * from './task-domain.types';
export * from './task-messages';
export * from './task-activities.types';
