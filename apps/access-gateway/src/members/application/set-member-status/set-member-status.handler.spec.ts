import { InMemoryMembersRepository } from '../../../../test/support/in-memory-members.repository';
import { MemberNotFoundError } from '../../domain/member';
import { SetMemberStatusHandler } from './set-member-status.handler';

describe('SetMemberStatusHandler', () => {
  it("suspends with the staff's reason and reinstates without one, only in the member's own club", async () => {
    const repo = new InMemoryMembersRepository();
    await repo.enrol('club-a', 'ana');
    const handler = new SetMemberStatusHandler(repo);
    expect(await handler.execute('club-a', 'ana', 'suspended', 'unpaid fees')).toMatchObject({
      status: 'suspended',
      statusReason: 'unpaid fees',
    });
    expect(await handler.execute('club-a', 'ana', 'active', 'ignored')).toMatchObject({
      status: 'active',
      statusReason: null,
    });
    await expect(handler.execute('club-b', 'ana', 'suspended', 'x')).rejects.toBeInstanceOf(
      MemberNotFoundError,
    );
    expect((await repo.find('club-a', 'ana'))?.status).toBe('active');
  });
});
