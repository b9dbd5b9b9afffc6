/** Screens for on-call schedules: the list, a new schedule, one schedule, editing its layers, and my shifts. */
import type { RouteObject } from 'react-router-dom';
import { MyOnCallRoute } from './my-oncall-route';
import { ScheduleEditRoute } from './schedule-edit-route';
import { ScheduleNewRoute } from './schedule-new-route';
import { ScheduleRoute } from './schedule-route';
import { SchedulesListRoute } from './schedules-list-route';

export const scheduleRoutes: RouteObject[] = [
  { path: 'schedules', element: <SchedulesListRoute /> },
  { path: 'schedules/new', element: <ScheduleNewRoute /> },
  { path: 'schedules/:id', element: <ScheduleRoute /> },
  { path: 'schedules/:id/edit', element: <ScheduleEditRoute /> },
  { path: 'oncall', element: <MyOnCallRoute /> },
];
