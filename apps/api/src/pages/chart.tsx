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
  const labelWidth = 250;
  const barArea = 330;
  const rowHeight = 30;
  const width = labelWidth + barArea + 60;
  const height = bars.length * rowHeight + 10;
  return (
    <svg
      role="img"
      aria-labelledby={`${props.id}-title`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={`max-width:${width}px;height:auto`}
      xmlns="http://www.w3.org/2000/svg"
      id={props.id}
    >
      <title id={`${props.id}-title`}>
        {props.title}：{bars.map((b) => `${b.label} ${b.value}`).join(props.lang === 'zh' ? '，' : ', ')}
      </title>
      {bars.map((bar, i) => {
        const y = 5 + i * rowHeight;
        const w = Math.round((bar.value / max) * barArea);
        return (
          <g class="bar">
            <text x={labelWidth - 8} y={y + 19} text-anchor="end" font-size="14" fill="#1a1a1a">
              {bar.label}
            </text>
            <rect
              x={labelWidth}
              y={y + 4}
              width={Math.max(w, bar.value > 0 ? 2 : 0)}
              height={rowHeight - 10}
              fill="#8c1c13"
              rx="2"
            />
            <text class="value" x={labelWidth + w + 6} y={y + 19} font-size="14" fill="#1a1a1a">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
