// The ECharts components gotune's charts use besides the grid (tooltips,
// legends, zoom, markers…), registered on the base (echarts.ts) after the
// chart types (echartsParts.ts). Add a part here when a chart needs it.

import { use } from 'echarts/core';
import {
  AriaComponent,
  DataZoomComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';

use([AriaComponent, DataZoomComponent, LegendComponent, MarkAreaComponent, MarkLineComponent]);
use([MarkPointComponent, TitleComponent, ToolboxComponent, TooltipComponent, VisualMapComponent]);
