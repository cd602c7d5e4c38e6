/** What a door display or a panel screen shows: a status, short pt-BR text and a light colour. */
export interface DeviceAnswer {
  status: 'granted' | 'denied';
  message: string;
  color: 'green' | 'red' | 'yellow';
}

/** Room on a device's display: longer text is cut. */
export const DISPLAY_CHARS = 40;

export const denied = (message: string, color: 'red' | 'yellow' = 'red'): DeviceAnswer => ({
  status: 'denied',
  message,
  color,
});
