export interface RequestState {}
