import type { TopicId } from '../directory/ids';
import { inRange, type RecordedConversation, SMALL_NUMBER_LIMIT, weekOf } from './report';
import { OUTCOMES, type OutcomeId } from './vocabulary';

/**
 * The lead's board-paper chart, drawn with Vega-Lite (compiled to Vega, rendered to SVG in
 * Node with no browser): conversations per week by topic, beside the brief advice ->
 * signposted -> referred funnel. Cells of 1 to 4 are left out of the bars and the funnel
 * says "<5", so the picture discloses no more than the CSV.
 */
export interface ChartInput {
  conversations: RecordedConversation[];
  from?: string;
  to?: string;
  topicTitle(id: TopicId): string;
}

export function chartSpec(input: ChartInput): Record<string, unknown> {
  const weekly = new Map<string, number>();
  const funnel = new Map<OutcomeId, number>();
  for (const c of input.conversations) {
    if (!inRange(c, input)) continue;
    const k = `${weekOf(c.at)}\u0000${c.topic}`;
    weekly.set(k, (weekly.get(k) ?? 0) + 1);
    funnel.set(c.outcome, (funnel.get(c.outcome) ?? 0) + 1);
  }
  let hidden = 0;
  const bars = [...weekly.entries()].flatMap(([k, n]) => {
    const [week, topic] = k.split('\u0000');
    if (n < SMALL_NUMBER_LIMIT) {
      hidden++;
      return [];
    }
    return [{ week, topic: input.topicTitle(topic as TopicId), conversations: n }];
  });
  const steps = (Object.keys(OUTCOMES) as OutcomeId[]).map((o, i) => {
    const n = funnel.get(o) ?? 0;
    const small = n > 0 && n < SMALL_NUMBER_LIMIT;
    return { order: i, outcome: OUTCOMES[o], conversations: small ? 0 : n, label: small ? '<5' : String(n) };
  });
  const range = `${input.from ?? 'first record'} to ${input.to ?? 'latest'}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'MECC Quality Conversations recorded', subtitle: `${range}${hidden ? ` · ${hidden} week-topic counts of 1-4 not drawn` : ''}`, anchor: 'start' },
    config: { font: 'DejaVu Sans, Arial, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 } },
    background: 'white',
    padding: 16,
    hconcat: [
      {
        title: 'Conversations per week, by topic',
        width: 520,
        height: 300,
        data: { values: bars },
        mark: 'bar',
        encoding: {
          x: { field: 'week', type: 'ordinal', title: 'Week beginning', axis: { labelAngle: -40 } },
          y: { field: 'conversations', type: 'quantitative', title: 'Conversations', stack: 'zero' },
          color: { field: 'topic', type: 'nominal', title: 'Topic', scale: { scheme: 'tableau20' } },
          tooltip: [{ field: 'week' }, { field: 'topic' }, { field: 'conversations' }],
        },
      },
      {
        title: 'What staff did',
        width: 300,
        height: 300,
        data: { values: steps },
        layer: [
          { mark: { type: 'bar', color: '#005eb8' }, encoding: { y: { field: 'outcome', type: 'nominal', sort: Object.values(OUTCOMES), title: null }, x: { field: 'conversations', type: 'quantitative', title: 'Conversations' } } },
          { mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 }, encoding: { y: { field: 'outcome', type: 'nominal', sort: Object.values(OUTCOMES) }, x: { field: 'conversations', type: 'quantitative' }, text: { field: 'label' } } },
        ],
      },
    ],
  };
}

/** The chart as SVG: Vega renders headlessly (renderer 'none' + toSVG), no canvas or browser. */
export async function renderChartSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** PNG for a board paper, rasterised from the SVG with resvg (no browser either). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng());
}
