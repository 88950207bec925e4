import type { Lang } from './i18n';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart as inline SVG: no script, no CDN, readable by screen readers through
 * its title and the table it sits next to, and it scales with the page width.
 */
export function BarChart(props: { id: string; title: string; bars: Bar[]; lang: Lang }) {
  const { bars } = props;
  const max = Math.max(1, ...bars.map((b) => b.value));
  // Each label sits above its bar, so long zh-CN labels stay readable when a phone scales it down.
  const barArea = 340;
  const rowHeight = 46;
  const width = barArea + 60;
  const height = bars.length * rowHeight + 6;
  return (
    <svg
      role="img"
      aria-labelledby={`${props.id}-title`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={`max-width:${Math.round(width * 1.4)}px;height:auto`}
      xmlns="http://www.w3.org/2000/svg"
      id={props.id}
    >
      <title id={`${props.id}-title`}>
        {props.title}：{bars.map((b) => `${b.label} ${b.value}`).join(props.lang === 'zh' ? '，' : ', ')}
      </title>
      {bars.map((bar, i) => {
        const y = 4 + i * rowHeight;
        const w = Math.round((bar.value / max) * barArea);
        return (
          <g class="bar">
            <text x={0} y={y + 15} font-size="15" fill="#1a1a1a">
              {bar.label}
            </text>
            <rect
              x={0}
              y={y + 22}
              width={Math.max(w, bar.value > 0 ? 2 : 0)}
              height={16}
              fill="#8c1c13"
              rx="2"
            />
            <text class="value" x={w + 6} y={y + 36} font-size="15" fill="#1a1a1a">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
