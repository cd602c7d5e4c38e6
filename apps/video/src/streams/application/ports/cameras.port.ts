/** Where a camera's encoder sends a stream; `null` stops it. */
export interface CameraStream {
  streamId: string;
  ingestUrl: string;
  streamKey: string;
}

/**
 * The court's cameras, as iot-bridge's device registry holds them, and the way to hand a camera its
 * stream (iot-bridge publishes it, retained, on the camera's own MQTT topic). Errors: the request's
 * timeout when iot-bridge does not answer (the worker tries again later).
 */
export interface CamerasPort {
  /** Ids of the enabled cameras of the court (none: the court is not filmed). */
  camerasOf(tenantId: string, courtId: string): Promise<string[]>;
  /** False when the camera is no longer the club's enabled camera (removed or disabled meanwhile). */
  setStream(tenantId: string, cameraId: string, stream: CameraStream | null): Promise<boolean>;
}

export const CAMERAS = Symbol('CAMERAS');
