import { ScheduledPasses, SerialPasses } from './serial-passes';

describe('SerialPasses', () => {
  it('runs one pass at a time; kicks during a pass make one more, not one each', async () => {
    let running = 0;
    let most = 0;
    let passes = 0;
    let release!: () => void;
    const passes$ = new SerialPasses(
      async () => {
        running++;
        most = Math.max(most, running);
        passes++;
        if (passes === 1) await new Promise<void>((r) => (release = r));
        running--;
      },
      60_000,
      () => undefined,
    );
    passes$.kick();
    passes$.kick();
    passes$.kick(); // three kicks while the first pass runs
    release();
    await new Promise((r) => setTimeout(r, 10));
    await passes$.stop();
    expect(most).toBe(1);
    expect(passes).toBe(2);
  });

  it('reports a pass that throws and runs the next one as usual', async () => {
    const errors: string[] = [];
    let calls = 0;
    const passes = new SerialPasses(
      async () => {
        if (++calls === 1) throw new Error('database unavailable');
      },
      60_000,
      (e) => errors.push(e.message),
    );
    passes.kick();
    await new Promise((r) => setTimeout(r, 10));
    passes.kick();
    await passes.stop();
    expect(errors).toEqual(['database unavailable']);
    expect(calls).toBe(2);
  });

  it('after stop, kicks and the timer run nothing', async () => {
    let calls = 0;
    const passes = new SerialPasses(
      async () => void calls++,
      5,
      () => undefined,
    );
    passes.start();
    await new Promise((r) => setTimeout(r, 30));
    await passes.stop();
    const seen = calls;
    expect(seen).toBeGreaterThan(0);
    passes.kick();
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(seen);
  });
});

describe('ScheduledPasses', () => {
  class Job extends ScheduledPasses {
    constructor(pass: () => Promise<unknown>, atStart: boolean) {
      super({ logger: 'Job', doing: 'testing', everyMs: 60_000, atStart }, pass);
    }
  }

  it('passes from the start (a first one at once only when asked) until shutdown, which waits for it', async () => {
    let finished = 0;
    const pass = () => new Promise((r) => setTimeout(r, 20)).then(() => void finished++);
    const lazy = new Job(pass, false);
    lazy.onApplicationBootstrap();
    await lazy.beforeApplicationShutdown();
    expect(finished).toBe(0);

    const eager = new Job(pass, true);
    eager.onApplicationBootstrap();
    await eager.beforeApplicationShutdown();
    expect(finished).toBe(1);
    eager.kick();
    expect(finished).toBe(1);
  });
});
