import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { MuxApi } from './mux.api';
import { MuxSigningKeys } from './mux.signing-keys';

/**
 * Mux URL signing keys (`https://api.mux.com/system/v1/signing-keys`; @mux/mux-node's
 * `system.signingKeys`): `private_key` only in the creation answer.
 */
@Controller('system/v1/signing-keys')
@MuxApi()
export class MuxSigningKeysHttpController {
  constructor(private readonly keys: MuxSigningKeys) {}

  @Post()
  async create() {
    return { data: await this.keys.create() };
  }

  @Get()
  list(@Query() query: unknown) {
    return this.keys.list(query);
  }

  @Get(':id')
  retrieve(@Param('id') id: string) {
    return { data: this.keys.retrieve(id) };
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string): void {
    this.keys.delete(id);
  }
}
