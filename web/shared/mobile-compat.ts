import { unstableSetRender } from 'antd-mobile';
import { createRoot } from 'react-dom/client';

// antd-mobile 5 renders toasts and modals with the legacy ReactDOM.render, which React 19
// removed; give it createRoot instead.
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => root.unmount();
});
