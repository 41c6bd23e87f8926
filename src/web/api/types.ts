export type {
  ChangePasswordBody as PasswordInput,
  LoginBody as LoginInput,
  RealNameBody as RealNameInput,
  RealNameResult,
  RegisterBody as RegisterInput,
  SessionView as Session,
  SetPinBody as PinInput,
  UpdateMeBody as ProfilePatch,
  UserView as Me,
} from '../../shared/api/accounts.js'
