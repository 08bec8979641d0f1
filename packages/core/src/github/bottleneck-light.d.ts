// bottleneck ships types for its main entry only; plugin-throttling loads the light build.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
