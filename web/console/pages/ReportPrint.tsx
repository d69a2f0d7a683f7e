import { Button } from 'antd';

/**
 * Print layout for the daily and weekly reports: the navigation bar, filters and buttons are
 * hidden, tables keep their borders, so the signed sheet can be filed (R-DY-1, R-WK-1).
 */
export function PrintStyle() {
  return (
    <style>{`@media print {
  .ant-layout-header, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; background: #fff !important; }
  .ant-card { box-shadow: none !important; border: 1px solid #999 !important; break-inside: avoid; }
  .ant-table { font-size: 11px !important; }
  a { color: #000 !important; text-decoration: none !important; }
}`}</style>
  );
}

export function PrintButton({ label }: { label: string }) {
  return (
    <Button className="no-print" onClick={() => window.print()}>
      {label}
    </Button>
  );
}

/** Opens the server's A4 form of the report (报修投诉处理记录表, binder cover, quarterly, 热线日报) in a new tab. */
export function FormButton({ label, href, id }: { label: string; href: string | undefined; id: string }) {
  return (
    <Button className="no-print" id={id} href={href} disabled={!href} target="_blank" rel="noreferrer">
      {label}
    </Button>
  );
}
