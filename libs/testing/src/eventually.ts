/** Polls until the condition holds; fails with `what` after the timeout. For asynchronous outcomes. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
