// .vue files as modules for the TypeScript checker of the plain .ts files.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// stylesheets are bundled by Vite
declare module '*.css'
