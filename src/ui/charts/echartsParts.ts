// The ECharts chart types gotune draws, with the grid they sit on, registered
// on the base (echarts.ts); the other components are in echartsComponents.ts.
// Add a part here when a chart needs it.

import { use } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart, CustomChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';

use([BarChart, HeatmapChart, LineChart, ScatterChart, CustomChart, GridComponent]);
