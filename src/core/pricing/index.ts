export {
  BATCH_DISCOUNT,
  PRICES_AS_OF,
  PRICE_TABLE,
  cacheSavingsOf,
  costOf,
  modelName,
  normalizeModelId,
  priceFor,
  promptTokens,
  rowFor,
} from './prices';
export type { BandedModelPrice, ModelPrice, PriceOverrides, PriceRow, Usage } from './prices';
