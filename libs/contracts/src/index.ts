export * from './topics';
export * from './commands';
