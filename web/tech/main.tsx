import '../shared/mobile-compat.js';
import { createRoot } from 'react-dom/client';
import { TechApp } from './TechApp.js';

createRoot(document.getElementById('root')!).render(<TechApp />);
