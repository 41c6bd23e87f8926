export type {
  LoginBody as LoginInput,
  RealNameBody as RealNameInput,
  RealNameResult,
  RegisterBody as RegisterInput,
  SetPinBody as PinInput,
  UpdateMeBody as ProfilePatch,
  UserView as Me,
} from '../../shared/api/accounts.js'
