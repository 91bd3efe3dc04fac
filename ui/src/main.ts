import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { createTauriBackend } from './lib/backend/tauri';
import { currentLocale } from './lib/locale.svelte';
import { applyTextSize } from './lib/textSize.svelte';

document.documentElement.lang = currentLocale();
applyTextSize();

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

// One UI, several possible backends: today only the Tauri shell.
export default mount(App, { target, props: { backend: createTauriBackend() } });
