/**
 * The six ERP flows a club's retail ERP reports to the platform and the actions of each. Client
 * independent: every client folder under `clients/` maps its own payloads onto these.
 */
export const FLOW_ACTIONS = {
  sales: ['register_sale', 'register_payment', 'register_cancellation'],
  purchase: ['create_order', 'receive_document', 'confirm_stock'],
  inventory: ['adjust_stock', 'take_snapshot', 'validate_movement'],
  transfer: ['create_transfer', 'ship_products', 'receive_at_store'],
  returns: ['register_return', 'process_refund'],
  etl: ['daily_batch', 'data_transformation'],
} as const;

export type Flow = keyof typeof FLOW_ACTIONS;
export type FlowAction<F extends Flow = Flow> = (typeof FLOW_ACTIONS)[F][number];

export const FLOWS = Object.keys(FLOW_ACTIONS) as Flow[];

export const isFlow = (value: string): value is Flow => Object.hasOwn(FLOW_ACTIONS, value);
