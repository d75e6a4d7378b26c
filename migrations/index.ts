import { InitialSchema1764057600000 } from './1764057600000-InitialSchema';
import { ImportDetails1764061200000 } from './1764061200000-ImportDetails';
import { ThreatModelsAndClassification1764064800000 } from './1764064800000-ThreatModelsAndClassification';
import { AccessControl1764068400000 } from './1764068400000-AccessControl';
import { FindingRollups1764072000000 } from './1764072000000-FindingRollups';
import { AdoptionRetirement1764075600000 } from './1764075600000-AdoptionRetirement';
import { FirstDetectedStage1764080000000 } from './1764080000000-FirstDetectedStage';
import { IntroducedCommit1764080100000 } from './1764080100000-IntroducedCommit';
import { AdoptionPrimaryAnalysis1764080200000 } from './1764080200000-AdoptionPrimaryAnalysis';
import { ImportWarningsAndSenders1764090000000 } from './1764090000000-ImportWarningsAndSenders';
import { ThreatModelServiceScope1764093600000 } from './1764093600000-ThreatModelServiceScope';
import { ContextServings1764900000000 } from './1764900000000-ContextServings';
import { Changes1765000000000 } from './1765000000000-Changes';
import { ImportUploads1765100000000 } from './1765100000000-ImportUploads';
import { ReadPlans1765200000000 } from './1765200000000-ReadPlans';
import { SharedRateLimits1765300000000 } from './1765300000000-SharedRateLimits';
import { ReportSchedules1765400000000 } from './1765400000000-ReportSchedules';
import { ReportRunRetries1765460000000 } from './1765460000000-ReportRunRetries';
import { MetricsReadScope1765500000000 } from './1765500000000-MetricsReadScope';
import { StoredChangeLinks1765600000000 } from './1765600000000-StoredChangeLinks';
import { DimensionRollups1765700000000 } from './1765700000000-DimensionRollups';
import { StoredFindingGaps1765710000000 } from './1765710000000-StoredFindingGaps';
import { VerdictRollups1765710000100 } from './1765710000100-VerdictRollups';
import { GapRefreshOnlyMovedThreats1765710000200 } from './1765710000200-GapRefreshOnlyMovedThreats';
import { TimeOrderedIds1765720000000 } from './1765720000000-TimeOrderedIds';
import { ChangeFindingRollups1765730000000 } from './1765730000000-ChangeFindingRollups';

/** Every migration, oldest first. Listed explicitly so that source and compiled builds load the same set. */
export const MIGRATIONS = [InitialSchema1764057600000, ImportDetails1764061200000, ThreatModelsAndClassification1764064800000, AccessControl1764068400000, FindingRollups1764072000000, AdoptionRetirement1764075600000, FirstDetectedStage1764080000000, IntroducedCommit1764080100000, AdoptionPrimaryAnalysis1764080200000, ImportWarningsAndSenders1764090000000, ThreatModelServiceScope1764093600000, ContextServings1764900000000, Changes1765000000000, ImportUploads1765100000000, ReadPlans1765200000000, SharedRateLimits1765300000000, ReportSchedules1765400000000, ReportRunRetries1765460000000, MetricsReadScope1765500000000, StoredChangeLinks1765600000000, DimensionRollups1765700000000, StoredFindingGaps1765710000000, VerdictRollups1765710000100, GapRefreshOnlyMovedThreats1765710000200, TimeOrderedIds1765720000000, ChangeFindingRollups1765730000000];
