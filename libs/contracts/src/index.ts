export * from './topics';
export * from './commands';
export * from './envelope';
export * from './message';
export * from './registry';
export * from './messages';
export * from './transport';
export {
  DELIVERIES_CURSOR,
  DEVICE_KIND,
  DEVICE_KIND_V2,
  NOTIFICATION_KIND,
  NOTIFICATION_KIND_V2,
} from './messages/fields';
