import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { StripeApi } from './stripe.api';
import { list, now, stripeId, type StripeCustomer, type StripePaymentMethod } from './stripe.objects';
import { expandParam, formInt, mergeMetadata, metadataParam, parseParams } from './stripe.params';
import { StripePayments } from './stripe.payments';
import { StripeStore } from './stripe.store';

const customerFields = {
  email: z.string().max(512).optional(),
  name: z.string().max(256).optional(),
  description: z.string().max(350).optional(),
  phone: z.string().max(20).optional(),
  metadata: metadataParam.optional(),
  invoice_settings: z.object({ default_payment_method: z.string().optional() }).strict().optional(),
  expand: expandParam,
  preferred_locales: z.array(z.string()).optional(),
  // Accepted as Stripe does, not simulated.
  address: z.unknown().optional(),
  shipping: z.unknown().optional(),
  balance: z.unknown().optional(),
  business_name: z.unknown().optional(),
  individual_name: z.unknown().optional(),
  invoice_prefix: z.unknown().optional(),
  tax: z.unknown().optional(),
  tax_exempt: z.unknown().optional(),
  validate: z.unknown().optional(),
};
const createCustomerSchema = z.object({ ...customerFields, payment_method: z.string().optional() }).strict();
const updateCustomerSchema = z.object(customerFields).strict();
const listCustomersSchema = z
  .object({
    email: z.string().optional(),
    limit: formInt.optional(),
    expand: expandParam,
    // Pagination and filters the SDK may send; the sandbox answers the newest `limit` customers.
    starting_after: z.string().optional(),
    ending_before: z.string().optional(),
    created: z.unknown().optional(),
  })
  .strict();
const attachSchema = z
  .object({ customer: z.string().min(1), customer_account: z.unknown().optional(), expand: expandParam })
  .strict();
const listMethodsSchema = z
  .object({
    type: z.string().optional(),
    limit: formInt.optional(),
    starting_after: z.string().optional(),
    ending_before: z.string().optional(),
    expand: expandParam,
  })
  .strict();

/** Stripe Customers and their saved cards (PaymentMethods attached to them). */
@Controller('v1')
@StripeApi()
export class StripeCustomersHttpController {
  constructor(
    private readonly store: StripeStore,
    private readonly payments: StripePayments,
  ) {}

  @Post('customers')
  @HttpCode(200)
  create(@Body() body: unknown): StripeCustomer {
    const input = parseParams(createCustomerSchema, body);
    const customer: StripeCustomer = {
      id: stripeId('cus', 14),
      object: 'customer',
      created: now(),
      description: input.description ?? null,
      email: input.email ?? null,
      name: input.name ?? null,
      phone: input.phone ?? null,
      metadata: input.metadata ?? {},
      invoice_settings: { default_payment_method: null },
      currency: null,
      delinquent: false,
      livemode: false,
    };
    const wantedDefault = input.invoice_settings?.default_payment_method;
    if (wantedDefault && wantedDefault !== input.payment_method) {
      throw this.payments.notAttached(wantedDefault);
    }
    const pm = input.payment_method
      ? this.payments.resolvePaymentMethod(input.payment_method, 'payment_method')
      : null;
    if (pm) this.payments.attach(pm, customer.id);
    if (pm && wantedDefault) customer.invoice_settings.default_payment_method = pm.id;
    this.store.customers.set(customer.id, customer);
    return customer;
  }

  @Get('customers')
  list(@Query() query: unknown) {
    const { email, limit } = parseParams(listCustomersSchema, query);
    const all = [...this.store.customers.values()].filter((c) => !email || c.email === email).reverse();
    return list('/v1/customers', all.slice(0, limit ?? 10));
  }

  @Get('customers/:id')
  get(@Param('id') id: string): StripeCustomer {
    return this.store.customer(id);
  }

  @Post('customers/:id')
  @HttpCode(200)
  update(@Param('id') id: string, @Body() body: unknown): StripeCustomer {
    const customer = this.store.customer(id);
    const input = parseParams(updateCustomerSchema, body);
    for (const field of ['email', 'name', 'description', 'phone'] as const) {
      if (input[field] !== undefined) customer[field] = input[field] === '' ? null : input[field];
    }
    customer.metadata = mergeMetadata(customer.metadata, input.metadata);
    this.setDefault(customer, input.invoice_settings?.default_payment_method);
    return customer;
  }

  @Get('customers/:id/payment_methods')
  paymentMethods(@Param('id') id: string, @Query() query: unknown) {
    this.store.customer(id);
    const { type, limit } = parseParams(listMethodsSchema, query);
    const methods = [...this.store.paymentMethods.values()]
      .filter((pm) => pm.customer === id && (!type || pm.type === type))
      .reverse();
    return list(`/v1/customers/${id}/payment_methods`, methods.slice(0, limit ?? 10));
  }

  /** Saves a card on a customer; a test alias (`pm_card_visa`) becomes a new `pm_…` of that card. */
  @Post('payment_methods/:id/attach')
  @HttpCode(200)
  attach(@Param('id') id: string, @Body() body: unknown): StripePaymentMethod {
    const { customer } = parseParams(attachSchema, body);
    this.store.customer(customer, 'customer');
    return this.payments.attach(this.payments.resolvePaymentMethod(id), customer);
  }

  @Post('payment_methods/:id/detach')
  @HttpCode(200)
  detach(@Param('id') id: string): StripePaymentMethod {
    const pm = this.store.paymentMethod(id);
    pm.customer = null;
    for (const c of this.store.customers.values()) {
      if (c.invoice_settings.default_payment_method === id) c.invoice_settings.default_payment_method = null;
    }
    return pm;
  }

  @Get('payment_methods/:id')
  paymentMethod(@Param('id') id: string): StripePaymentMethod {
    return this.store.paymentMethod(id);
  }

  private setDefault(customer: StripeCustomer, pmId: string | undefined): void {
    if (pmId === undefined) return;
    if (pmId === '') {
      customer.invoice_settings.default_payment_method = null;
      return;
    }
    const pm = this.store.paymentMethod(pmId, 'invoice_settings[default_payment_method]');
    if (pm.customer !== customer.id) throw this.payments.notAttached(pmId);
    customer.invoice_settings.default_payment_method = pmId;
  }
}
