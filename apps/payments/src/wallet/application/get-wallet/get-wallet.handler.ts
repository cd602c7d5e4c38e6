import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';

/** A member's balances and newest ledger lines; a member who never had a wallet has an empty one. */
@Injectable()
export class GetWalletHandler {
  constructor(@Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort) {}

  async execute(tx: Transaction, tenantId: string, memberId: string, ledgerLimit = 50) {
    const balances = (await this.wallets.find(tx, tenantId, memberId)) ?? {
      availableCentavos: 0,
      reservedCentavos: 0,
    };
    return { memberId, ...balances, ledger: await this.wallets.ledger(tx, tenantId, memberId, ledgerLimit) };
  }
}
