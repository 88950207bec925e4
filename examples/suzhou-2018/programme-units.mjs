// The other 52 units of 宿州's 2018 programme (市直63家单位): their items. Each item names its
// service family (services-programme-*.mjs) and, for a licence's later steps, the variant
// (change 变更, renew 延续, cancel 注销, replace 补证) whose materials follow from the licence.

import { PROGRAMME_UNITS_1 } from './programme-units-1.mjs';
import { PROGRAMME_UNITS_2 } from './programme-units-2.mjs';

export const PROGRAMME_UNITS = [...PROGRAMME_UNITS_1, ...PROGRAMME_UNITS_2];
