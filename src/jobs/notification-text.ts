const CLOCK_LABELS: Record<string, string> = {
  dispatch: '派工',
  arrival: '到场',
  review: '技术复核',
  followup_2h: '2小时跟进',
  followup_eod: '下班前跟进',
  reply: '答复',
  online_ack: '网络投诉致歉回应',
  online_measure: '网络投诉处理措施',
  hot_report: '热点投诉上报',
  gm_first_visit: '热线首次回访',
  gm_escalation: '热线7日未解决上报',
  promised_reply: '承诺答复',
};

/** Chinese title and body of a notification, from its topic and payload. */
export function notificationText(topic: string, payload: Record<string, unknown>): { title: string; body: string } {
  const clock = CLOCK_LABELS[String(payload.clock)] ?? String(payload.clock ?? '');
  const number = payload.caseNumber ? `案件 ${payload.caseNumber}` : '案件';
  switch (topic) {
    case 'sla.warned':
      return { title: `即将超时：${clock}`, body: `${number}的「${clock}」时限即将到期（${payload.dueAt}）` };
    case 'sla.breached':
      return { title: `已超时：${clock}`, body: `${number}的「${clock}」时限已超时（${payload.dueAt}），请立即处理` };
    case 'sla.escalated':
      return { title: `超时升级：${clock}`, body: `${number}的「${clock}」仍未完成，已升级至第 ${payload.level} 级` };
    case 'hotline.escalated':
      return { title: `热线档案 ${payload.number} 超期未解决，已书面上报`, body: String(payload.report ?? '') };
    case 'hotline.major':
      return { title: `重大热线事项 ${payload.number}`, body: `总经理热线登记重大事项，请即报总经理：${payload.matter ?? ''}` };
    case 'case.emergency':
      return { title: '紧急事件', body: `${number}为紧急事件：${payload.description ?? ''}` };
    default:
      return { title: topic, body: JSON.stringify(payload) };
  }
}
