import { defineSaga } from './saga-definition.builder';
import { next } from './saga.outcome';

const ok = () => ({ subject: 's', data: {} });

describe('defineSaga', () => {
  it('collects steps, lock key, compensation policy and end events', () => {
    const def = defineSaga<{ member: string }>('demo')
      .lockKey((d) => d.member)
      .compensationPolicy({ maxAttempts: 5, deadline: 1_000 })
      .step('one', (s) =>
        s
          .send('x.one.v1', ok)
          .onReply('x.one.result.v1', () => next())
          .deadline(250)
          .compensate('x.undo.v1', ok),
      )
      .onCompleted('x.done.v1', ok)
      .build();
    expect(def.steps.map((s) => s.name)).toEqual(['one']);
    expect(def.steps[0].deadline?.({ member: 'm' })).toBe(250);
    expect(def.steps[0].compensation?.type).toBe('x.undo.v1');
    expect(def.lockKey({ member: 'm-1' }, 'saga-id')).toBe('m-1');
    expect(def.compensation.maxAttempts).toBe(5);
    expect(def.compensation.deadline({ member: 'm' })).toBe(1_000);
    expect(def.events.COMPLETED.map((e) => e.type)).toEqual(['x.done.v1']);
  });

  it('locks on the saga id (no lock) when no lock key is given', () => {
    const def = defineSaga('free')
      .step('one', (s) => s.send('x.one.v1', ok).onReply('x.r.v1', () => next()))
      .build();
    expect(def.lockKey({}, 'saga-id')).toBe('saga-id');
  });

  it('refuses incomplete or ambiguous definitions', () => {
    expect(() => defineSaga('Bad Name')).toThrow('kebab-case');
    expect(() => defineSaga('empty').build()).toThrow('has no steps');
    expect(() => defineSaga('mute').step('one', (s) => s.onReply('x.r.v1', () => next()))).toThrow(
      'sends no command',
    );
    expect(() => defineSaga('deaf').step('one', (s) => s.send('x.one.v1', ok))).toThrow('handles no reply');
    expect(() =>
      defineSaga('twice')
        .step('one', (s) => s.send('x.one.v1', ok).onReply('x.r.v1', () => next()))
        .step('one', (s) => s.send('x.one.v1', ok).onReply('x.r.v1', () => next())),
    ).toThrow('two steps named one');
    expect(() => defineSaga('policy').compensationPolicy({ maxAttempts: 0 })).toThrow('positive integer');
  });
});
