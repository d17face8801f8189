import type { StateFigure } from './overview-params';

/**
 * The states' colours (the risk colours: green on time, orange late, blue in progress, red
 * overdue), dark enough for white text on them (contrast at least 4.5:1).
 */
export const STATE_COLOURS: Record<StateFigure, string> = {
  doneOnTime: '#237804',
  doneLate: '#ad4e00',
  inProgressWithinDeadline: '#0958d9',
  overdue: '#a8071a',
};
