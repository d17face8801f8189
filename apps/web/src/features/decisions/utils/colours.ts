import type { DecisionKind, DecisionTaskRef } from '../api/types';

/**
 * Dark colours for outlined tags and text, each at least 4.5:1 on white (antd's preset tag
 * colours and its secondary text are not). Every tag says its meaning in words too.
 */
export const COLOURS = { red: '#a8071a', orange: '#ad4e00', green: '#237804', blue: '#0958d9', purple: '#531dab', brown: '#7c4a03', cyan: '#006d75', grey: '#434343' } as const;

/** Muted text that stays readable (antd's colorTextLabel, 7:1 on white). */
export const MUTED = 'rgba(0, 0, 0, 0.65)';

export const KIND_COLOURS: Record<DecisionKind, string> = {
  escalation: COLOURS.red,
  extension: COLOURS.orange,
  beyondAuthority: COLOURS.purple,
  evidenceReview: COLOURS.blue,
  explanation: COLOURS.brown,
  blocker: COLOURS.cyan,
};

/** As the tasks' risk tags: AMBER the orange, ORANGE (done late) the brown (a dark amber would be under 4.5:1). */
export const RISK_COLOURS: Record<NonNullable<DecisionTaskRef['risk']>, string> = { RED: COLOURS.red, AMBER: COLOURS.orange, GREY: COLOURS.grey, BLUE: COLOURS.blue, ORANGE: COLOURS.brown, GREEN: COLOURS.green };

export const CRITERION_STATUS_COLOURS: Record<string, string> = { verified: COLOURS.green, attested: COLOURS.orange, failed: COLOURS.red, verifying: COLOURS.blue, pending: COLOURS.grey };
