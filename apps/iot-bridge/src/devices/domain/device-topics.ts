/**
 * The device topics. Every one carries, as its second level, the login of the device it belongs to:
 * the broker's ACL then binds each device to its own topics with one pattern line per topic (`%u`, the
 * authenticated username), whatever the registry says, and the bridge takes who is speaking — and so
 * the club and the court, from the registry — from the topic, never from a payload.
 * docs/decisions/0013-device-topics-bound-to-login.md tells why court panels left `court/<courtId>/…`.
 */
export const deviceTopics = {
  scan: (readerId: string) => `rfid/${readerId}/scan`,
  scanResponse: (readerId: string) => `rfid/${readerId}/response`,
  panelCheckin: (panelId: string) => `panel/${panelId}/checkin`,
  panelCheckout: (panelId: string) => `panel/${panelId}/checkout`,
  panelButton: (panelId: string) => `panel/${panelId}/button/pressed`,
  panelResponse: (panelId: string) => `panel/${panelId}/response`,
  tabletStatus: (tabletId: string) => `tablet/${tabletId}/status`,
  /** Where a camera's encoder finds the stream to push to: retained, so it gets it when it connects. */
  cameraStream: (cameraId: string) => `camera/${cameraId}/stream`,
  cameraStatus: (cameraId: string) => `camera/${cameraId}/status`,
} as const;

export interface TopicGrant {
  access: 'read' | 'write' | 'readwrite';
  topic: string;
}

/** What any device login may use: Mosquitto `pattern` lines, `%u` being its own username. */
export const DEVICE_PATTERNS: TopicGrant[] = [
  { access: 'write', topic: deviceTopics.scan('%u') },
  { access: 'read', topic: deviceTopics.scanResponse('%u') },
  { access: 'write', topic: deviceTopics.panelCheckin('%u') },
  { access: 'write', topic: deviceTopics.panelCheckout('%u') },
  { access: 'write', topic: deviceTopics.panelButton('%u') },
  { access: 'read', topic: deviceTopics.panelResponse('%u') },
  { access: 'readwrite', topic: 'tablet/%u/#' },
  { access: 'read', topic: deviceTopics.cameraStream('%u') },
  { access: 'write', topic: deviceTopics.cameraStatus('%u') },
];

/** What the bridge subscribes to (QoS 1, shared between its replicas). */
export const BRIDGE_SUBSCRIPTIONS = {
  scan: deviceTopics.scan('+'),
  panelCheckin: deviceTopics.panelCheckin('+'),
  panelCheckout: deviceTopics.panelCheckout('+'),
  panelButton: deviceTopics.panelButton('+'),
  tabletStatus: deviceTopics.tabletStatus('+'),
  cameraStatus: deviceTopics.cameraStatus('+'),
} as const;

export const BRIDGE_GRANTS: TopicGrant[] = [
  ...Object.values(BRIDGE_SUBSCRIPTIONS).map((topic) => ({ access: 'read' as const, topic })),
  { access: 'write', topic: deviceTopics.scanResponse('+') },
  { access: 'write', topic: deviceTopics.panelResponse('+') },
  { access: 'write', topic: deviceTopics.cameraStream('+') },
  // The broker's own status, for health probes made with the bridge's login.
  { access: 'read', topic: '$SYS/#' },
];
