/**
 * R-EM-1: words in a report that suggest an emergency (people trapped, water, power, fire,
 * falling objects, injuries). Estates edit the list (settings.emergencyKeywords).
 */
export const DEFAULT_EMERGENCY_KEYWORDS = [
  '困人', '被困', '关人', '电梯', '漏水', '爆管', '水管爆', '跑水', '淹', '停电', '漏电', '触电', '着火', '起火', '火警', '冒烟', '烟雾',
  '燃气', '煤气', '坠落', '掉落', '高空', '脱落', '倒塌', '裂缝', '受伤', '流血', '车祸', '打架', '停水', '水泵', '栏杆', '玻璃',
] as const;

const NEGATIONS = ['不', '没', '无', '未', '非'];

/** The keywords found, skipping negated ones ("没有漏水", "不是停电"). */
export function emergencyMatches(text: string, keywords: readonly string[]): string[] {
  const found: string[] = [];
  for (const k of keywords) {
    let from = 0;
    for (let i = text.indexOf(k, from); i >= 0; i = text.indexOf(k, from)) {
      const before = text.slice(Math.max(0, i - 2), i);
      if (!NEGATIONS.some((n) => before.includes(n))) {
        found.push(k);
        break;
      }
      from = i + k.length;
    }
  }
  return found;
}

/**
 * Proposes an urgency from the description. Lifts alone are routine (a noisy lift); a lift
 * together with people trapped, or any of the danger words, is an emergency. A person confirms.
 */
export function proposeUrgency(text: string, keywords: readonly string[] = DEFAULT_EMERGENCY_KEYWORDS) {
  const matched = emergencyMatches(text, keywords);
  const dangerous = matched.filter((k) => k !== '电梯' && k !== '玻璃' && k !== '栏杆');
  const liftTrap = matched.includes('电梯') && /困|关|卡/.test(text);
  const falling = (matched.includes('玻璃') || matched.includes('栏杆')) && /掉|坠|脱|断|碎|松/.test(text);
  const emergency = dangerous.length > 0 || liftTrap || falling;
  return { urgency: emergency ? ('emergency' as const) : ('routine' as const), matched };
}
