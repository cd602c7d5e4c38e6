import { InMemoryDevices, RecordingBroker } from '../../../../test/support/in-memory';
import { SetCameraStreamHandler } from './set-camera-stream.handler';

describe("handing a camera's encoder its stream", () => {
  const stream = { ingestUrl: 'rtmps://live.example:443/app', streamKey: 'sk-secret', streamId: 'ls-1' };
  const setUp = () => {
    const devices = new InMemoryDevices();
    devices.add({ deviceId: 'cam1', tenantId: 'club-a', kind: 'camera', courtId: 'c1' });
    devices.add({ deviceId: 'cam2', tenantId: 'club-a', kind: 'camera', courtId: 'c1', enabled: false });
    devices.add({ deviceId: 'p1', tenantId: 'club-a', kind: 'court-panel', courtId: 'c1' });
    const broker = new RecordingBroker();
    return { broker, handler: new SetCameraStreamHandler(devices, broker) };
  };

  it("keeps it retained on the camera's own topic, and clears it on null", async () => {
    const { broker, handler } = setUp();
    expect(await handler.execute({ tenantId: 'club-a', deviceId: 'cam1', stream })).toBe('sent');
    expect([...broker.retained]).toEqual([['camera/cam1/stream', stream]]);

    expect(await handler.execute({ tenantId: 'club-a', deviceId: 'cam1', stream: null })).toBe('sent');
    expect(broker.retained.size).toBe(0);
  });

  it("refuses another club's camera as unknown, a device that is no camera, and a disabled camera", async () => {
    const { broker, handler } = setUp();
    const set = (tenantId: string, deviceId: string) => handler.execute({ tenantId, deviceId, stream });
    expect(await set('club-b', 'cam1')).toBe('unknown-device');
    expect(await set('club-a', 'nobody')).toBe('unknown-device');
    expect(await set('club-a', 'p1')).toBe('not-a-camera');
    expect(await set('club-a', 'cam2')).toBe('disabled');
    expect(broker.retained.size).toBe(0);
    // What a disabled camera was given can still be taken back.
    expect(await handler.execute({ tenantId: 'club-a', deviceId: 'cam2', stream: null })).toBe('sent');
  });
});
