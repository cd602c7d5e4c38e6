/**
 * Runs `flush` over the items added, with one flush in flight: whatever arrives during a flush forms the
 * next batch (up to `maxBatch`). No timer: at low load a batch is one item and goes at once; under load
 * batches grow by themselves. Each `add` settles with its batch.
 */
export class Coalescer<T> {
  private readonly waiting: { item: T; resolve: () => void; reject: (error: Error) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushing) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        await this.flush(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error as Error);
      }
    }
    this.flushing = false;
  }
}
