import { Descriptions, Image, Space, Table } from 'antd';
import { bj, yuan } from '../../../shared/format.js';
import { L } from '../../../shared/i18n.js';
import { SUPPLIED_BY_LABELS } from './labels.js';

type Photo = string | { sha256?: string; sha?: string; stage?: string };
const photoSha = (p: Photo) => (typeof p === 'string' ? p : (p.sha256 ?? p.sha ?? ''));
const photoStage = (p: Photo) => (typeof p === 'string' ? '' : p.stage === 'before' ? L('维修前', 'Before') : p.stage === 'after' ? L('维修后', 'After') : '');

/** One order's record as the technician and the desk left it: work, materials, photos, checks. */
export function OrderDetails({ o }: { o: any }) {
  const photos: Photo[] = o.photos ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={L('派工', 'Issued')}>{bj(o.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={L('接单', 'Accepted')}>{bj(o.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={L('到场', 'Arrived')}>{bj(o.arrivedAt)}</Descriptions.Item>
        <Descriptions.Item label={L('完工', 'Completed')}>{bj(o.completedAt)}</Descriptions.Item>
        <Descriptions.Item label={L('返单', 'Returned')}>{bj(o.returnedAt)}</Descriptions.Item>
        <Descriptions.Item label={L('验收', 'Checked')}>{bj(o.checkedAt)}{o.checkNote ? `（${o.checkNote}）` : ''}</Descriptions.Item>
        {o.appointmentAt && <Descriptions.Item label={L('预约', 'Appointment')}>{bj(o.appointmentAt)}{o.rebookReason ? `（${L('改约', 'rebooked')}：${o.rebookReason}）` : ''}</Descriptions.Item>}
        {o.diagnosis && <Descriptions.Item label={L('现场确认', 'Diagnosis')}>{o.diagnosis}</Descriptions.Item>}
        {o.reviewNote && <Descriptions.Item label={L('复核', 'Review')}>{o.reviewNote}</Descriptions.Item>}
        {o.evaluation && <Descriptions.Item label={L('业户评价', "Resident's evaluation")}>{o.evaluation}{o.rating ? `（${o.rating}/5）` : ''}</Descriptions.Item>}
        {o.labourCents != null && <Descriptions.Item label={L('人工费', 'Labour')}>{yuan(o.labourCents)}</Descriptions.Item>}
        {o.voidReason && <Descriptions.Item label={L('作废原因', 'Reason for voiding')}>{o.voidReason}</Descriptions.Item>}
        {o.retroactive && <Descriptions.Item label={L('补单', 'Retroactive')}>{L('紧急情况先处理后补单（R-WO-8）', 'Emergency handled first, order written afterwards (R-WO-8)')}</Descriptions.Item>}
      </Descriptions>
      {o.materials?.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.materials}
          columns={[
            { title: L('材料', 'Material'), dataIndex: 'name' },
            { title: L('规格型号', 'Spec / model'), render: (_, m: any) => [m.spec, m.model].filter(Boolean).join(' ') },
            { title: L('数量', 'Qty'), render: (_, m: any) => `${m.quantity}${m.unit ?? ''}` },
            { title: L('单价', 'Unit price'), dataIndex: 'unitPriceCents', render: yuan },
            { title: L('提供方', 'Supplied by'), dataIndex: 'suppliedBy', render: (v: string) => SUPPLIED_BY_LABELS[v] ?? v },
          ]}
        />
      )}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>
            {photos.map((p) => (
              <figure key={photoSha(p)} style={{ margin: 0, textAlign: 'center' }}>
                <Image width={96} height={72} style={{ objectFit: 'cover' }} alt={`${L('现场照片', 'Site photo')} ${photoStage(p)}`} src={`/api/files/${o.estateId}/${photoSha(p)}`} />
                {photoStage(p) && <figcaption style={{ fontSize: 12 }}>{photoStage(p)}</figcaption>}
              </figure>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Space>
  );
}
