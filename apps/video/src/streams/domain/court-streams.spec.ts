import { nextAction, retryDelayMs, type LiveStream } from './court-streams';

const stream = (cameraId: string, status: LiveStream['status']): LiveStream => ({
  streamId: `stream-${cameraId}`,
  tenantId: 'club-aurora',
  courtId: 'court-1',
  cameraId,
  sessionId: 'session-1',
  status,
  createdAt: '2026-12-02T10:00:00.000Z',
});

describe("a court's streams against its sessions", () => {
  it('an occupied court asks for its cameras, then creates a stream for each camera without an open one', () => {
    expect(nextAction(true, [])).toEqual({ do: 'list-cameras' });
    expect(nextAction(true, [], ['cam-a', 'cam-b'])).toEqual({ do: 'create', cameraIds: ['cam-a', 'cam-b'] });
    expect(nextAction(true, [stream('cam-a', 'open')], ['cam-a', 'cam-b'])).toEqual({
      do: 'create',
      cameraIds: ['cam-b'],
    });
    // One a crash left `creating` is created again (under its own id, found at the vendor first).
    expect(nextAction(true, [stream('cam-a', 'creating')], ['cam-a'])).toEqual({
      do: 'create',
      cameraIds: ['cam-a'],
    });
  });

  it('an occupied court whose cameras all stream, or with no camera, needs nothing', () => {
    expect(nextAction(true, [stream('cam-a', 'open')], ['cam-a'])).toEqual({ do: 'nothing' });
    expect(nextAction(true, [], [])).toEqual({ do: 'nothing' });
  });

  it('an empty court completes every stream not completed, and otherwise needs nothing', () => {
    const open = [stream('cam-a', 'open'), stream('cam-b', 'creating')];
    expect(nextAction(false, open)).toEqual({ do: 'complete', streams: open });
    expect(nextAction(false, [])).toEqual({ do: 'nothing' });
  });

  it('retries 2 s after a failed pass, doubling, never more than a minute apart', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });
});
