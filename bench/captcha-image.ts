/**
 * How much CPU one Default captcha image costs: svg-captcha drawing five characters at the fixed
 * size and noise Latchkey uses (apps/api/src/features/captcha/image.ts), in this process.
 *
 *   bun bench/captcha-image.ts [--images 2000]
 */
import svgCaptcha from 'svg-captcha';

const index = process.argv.indexOf('--images');
const images = index > 0 ? Number(process.argv[index + 1]) : 2000;
const options = { width: 200, height: 80, noise: 2, fontSize: 56, color: false, background: '#f4f4f5' };
for (let warm = 0; warm < 100; warm++) svgCaptcha('WARM1', options);
const times: number[] = [];
let bytes = 0;
for (let round = 0; round < images; round++) {
  const started = performance.now();
  bytes += svgCaptcha('K7PQ2', options).length;
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!.toFixed(3);
console.log(
  `${images} images: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms, ${Math.round(bytes / images)} bytes each`,
);
