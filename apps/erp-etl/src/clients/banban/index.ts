import { action, type ErpClient } from '../erp-client';
import { banbanSchemas as s } from './schemas';
import { banbanTransformers as t } from './transformers';

/**
 * Banban, a retail ERP (stores `LJnnn`, distribution centres `CDnn`): the six flows by webhook. The
 * `ErpClient` type makes a missing flow or action a compile error.
 */
export const banban: ErpClient = {
  id: 'banban',
  name: 'Banban',
  flows: {
    sales: {
      register_sale: action(s.sales.register_sale, t.sales.register_sale),
      register_payment: action(s.sales.register_payment, t.sales.register_payment),
      register_cancellation: action(s.sales.register_cancellation, t.sales.register_cancellation),
    },
    purchase: {
      create_order: action(s.purchase.create_order, t.purchase.create_order),
      receive_document: action(s.purchase.receive_document, t.purchase.receive_document),
      confirm_stock: action(s.purchase.confirm_stock, t.purchase.confirm_stock),
    },
    inventory: {
      adjust_stock: action(s.inventory.adjust_stock, t.inventory.adjust_stock),
      take_snapshot: action(s.inventory.take_snapshot, t.inventory.take_snapshot),
      validate_movement: action(s.inventory.validate_movement, t.inventory.validate_movement),
    },
    transfer: {
      create_transfer: action(s.transfer.create_transfer, t.transfer.create_transfer),
      ship_products: action(s.transfer.ship_products, t.transfer.ship_products),
      receive_at_store: action(s.transfer.receive_at_store, t.transfer.receive_at_store),
    },
    returns: {
      register_return: action(s.returns.register_return, t.returns.register_return),
      process_refund: action(s.returns.process_refund, t.returns.process_refund),
    },
    etl: {
      daily_batch: action(s.etl.daily_batch, t.etl.daily_batch),
      data_transformation: action(s.etl.data_transformation, t.etl.data_transformation),
    },
  },
};
