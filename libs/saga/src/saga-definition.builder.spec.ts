import { defineSaga, replyTypesOf } from './saga-definition.builder';
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

  it('lists every reply type it handles, steps and compensations, once each', () => {
    const def = defineSaga('listed')
      .step('one', (s) =>
        s
          .send('x.one.v1', ok)
          .onReply('x.one.result.v1', () => next())
          .onReply('x.one.late.v1', () => next())
          .compensate('x.undo.v1', ok)
          .onCompensationReply('x.undo.result.v1'),
      )
      .step('two', (s) => s.send('x.two.v1', ok).onReply('x.one.result.v1', () => next()))
      .build();
    expect(replyTypesOf(def)).toEqual(['x.one.result.v1', 'x.one.late.v1', 'x.undo.result.v1']);
    // Declared without a predicate, a compensation reply confirms.
    expect(def.steps[0].compensation?.confirms.get('x.undo.result.v1')?.({}, {} as never)).toBe(true);
  });

  it('cannot list the replies of a compensation that declares none (they could not be routed to it)', () => {
    const def = defineSaga('unrouted')
      .step('one', (s) =>
        s
          .send('x.one.v1', ok)
          .onReply('x.r.v1', () => next())
          .compensate('x.undo.v1', ok),
      )
      .build();
    expect(() => replyTypesOf(def)).toThrow('the compensation of step one declares no reply');
  });
});
