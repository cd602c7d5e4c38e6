/**
 * Answers for devices were committed (a door's, a panel's): the NOTIFY channel that wakes the answer
 * delivery of every replica.
 */
export const DEVICE_ANSWERS_CHANNEL = 'iot_device_answers';
