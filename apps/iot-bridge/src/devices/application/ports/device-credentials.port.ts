/** Device passwords: made here and handed out once; only the broker's hash of them is stored. */
export interface DeviceCredentials {
  newPassword(): string;
  hash(password: string): string;
}

export const DEVICE_CREDENTIALS = Symbol('DeviceCredentials');
