import { DeviceAnswersWorker, type AnswerDelivery } from './device-answers.worker';

describe('the device answers worker', () => {
  it('runs every delivery each round, a failing one holding back none of the others', async () => {
    let panels = 0;
    const failing: AnswerDelivery = {
      execute: async () => {
        throw new Error('database down');
      },
    };
    const counting: AnswerDelivery = { execute: async () => ++panels };
    const worker = new DeviceAnswersWorker([failing, counting]);
    worker.start();
    const roundAfter = async (before: number) => {
      for (let waited = 0; panels === before && waited < 2_000; waited += 5) {
        await new Promise((r) => setTimeout(r, 5));
      }
      return panels;
    };
    for (let i = 0; i < 3; i++) {
      const before = panels;
      worker.notify();
      expect(await roundAfter(before)).toBeGreaterThan(before);
    }
    await worker.stop();
    const stopped = panels;
    await new Promise((r) => setTimeout(r, 300));
    expect(panels).toBe(stopped);
  });
});
