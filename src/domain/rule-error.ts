/**
 * A step the rules of DOMAIN.md forbid. Carries the rule id so the API can answer 409 with a
 * message naming it (e.g. "案件尚未处理完毕，不得销项（R-CL-1）").
 */
export class RuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}
