import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { createTauriBackend } from './lib/backend/tauri';
import { currentLocale } from './lib/locale.svelte';

document.documentElement.lang = currentLocale();

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

// One UI, several possible backends: today only the Tauri shell.
export default mount(App, { target, props: { backend: createTauriBackend() } });
