import { Descriptions, Image, Space, Table } from 'antd';
import { bj, yuan } from '../../../shared/format.js';
import { SUPPLIED_BY_LABELS } from './labels.js';

type Photo = string | { sha256?: string; sha?: string; stage?: string };
const photoSha = (p: Photo) => (typeof p === 'string' ? p : (p.sha256 ?? p.sha ?? ''));
const photoStage = (p: Photo) => (typeof p === 'string' ? '' : p.stage === 'before' ? '维修前' : p.stage === 'after' ? '维修后' : '');

/** One order's record as the technician and the desk left it: work, materials, photos, checks. */
export function OrderDetails({ o }: { o: any }) {
  const photos: Photo[] = o.photos ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="派工">{bj(o.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label="接单">{bj(o.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label="到场">{bj(o.arrivedAt)}</Descriptions.Item>
        <Descriptions.Item label="完工">{bj(o.completedAt)}</Descriptions.Item>
        <Descriptions.Item label="返单">{bj(o.returnedAt)}</Descriptions.Item>
        <Descriptions.Item label="验收">{bj(o.checkedAt)}{o.checkNote ? `（${o.checkNote}）` : ''}</Descriptions.Item>
        {o.appointmentAt && <Descriptions.Item label="预约">{bj(o.appointmentAt)}{o.rebookReason ? `（改约：${o.rebookReason}）` : ''}</Descriptions.Item>}
        {o.diagnosis && <Descriptions.Item label="现场确认">{o.diagnosis}</Descriptions.Item>}
        {o.reviewNote && <Descriptions.Item label="复核">{o.reviewNote}</Descriptions.Item>}
        {o.evaluation && <Descriptions.Item label="业户评价">{o.evaluation}{o.rating ? `（${o.rating}/5）` : ''}</Descriptions.Item>}
        {o.labourCents != null && <Descriptions.Item label="人工费">{yuan(o.labourCents)}</Descriptions.Item>}
        {o.voidReason && <Descriptions.Item label="作废原因">{o.voidReason}</Descriptions.Item>}
        {o.retroactive && <Descriptions.Item label="补单">紧急情况先处理后补单（R-WO-8）</Descriptions.Item>}
      </Descriptions>
      {o.materials?.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.materials}
          columns={[
            { title: '材料', dataIndex: 'name' },
            { title: '规格型号', render: (_, m: any) => [m.spec, m.model].filter(Boolean).join(' ') },
            { title: '数量', render: (_, m: any) => `${m.quantity}${m.unit ?? ''}` },
            { title: '单价', dataIndex: 'unitPriceCents', render: yuan },
            { title: '提供方', dataIndex: 'suppliedBy', render: (v: string) => SUPPLIED_BY_LABELS[v] ?? v },
          ]}
        />
      )}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap>
            {photos.map((p) => (
              <figure key={photoSha(p)} style={{ margin: 0, textAlign: 'center' }}>
                <Image width={96} height={72} style={{ objectFit: 'cover' }} alt={`现场照片 ${photoStage(p)}`} src={`/api/files/${o.estateId}/${photoSha(p)}`} />
                {photoStage(p) && <figcaption style={{ fontSize: 12 }}>{photoStage(p)}</figcaption>}
              </figure>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Space>
  );
}
