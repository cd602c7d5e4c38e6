import { MemberSuspendedError } from '../../domain/member';
import { InMemoryMembersRepository } from '../../../../test/support/in-memory-members.repository';
import { EnrolMemberHandler } from './enrol-member.handler';

describe('EnrolMemberHandler', () => {
  it('makes a first caller an active member of their own club only', async () => {
    const repo = new InMemoryMembersRepository();
    const member = await new EnrolMemberHandler(repo).execute('club-a', 'user-1');
    expect(member).toMatchObject({ memberId: 'user-1', status: 'active' });
    expect(await repo.find('club-a', 'user-1')).toBeDefined();
    expect(await repo.find('club-b', 'user-1')).toBeUndefined();
  });

  it('refuses a suspended member and keeps them suspended', async () => {
    const repo = new InMemoryMembersRepository();
    await repo.enrol('club-a', 'user-1');
    await repo.setStatus('club-a', 'user-1', 'suspended', 'unpaid fees');
    await expect(new EnrolMemberHandler(repo).execute('club-a', 'user-1')).rejects.toBeInstanceOf(
      MemberSuspendedError,
    );
    expect((await repo.find('club-a', 'user-1'))?.status).toBe('suspended');
  });
});
