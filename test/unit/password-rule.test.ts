import { describe, expect, it } from 'vitest';
import { newPasswordProblems } from '../../src/domain/password-rule.js';

describe('a new password (issue 13 item 6)', () => {
  it('at least 8 characters, not the current one, not the username', () => {
    expect(newPasswordProblems('li', 'old-pass-1', 'LI')).toEqual([{ field: 'newPassword', message: '新密码至少 8 位' }]);
    expect(newPasswordProblems('lixiaoyan', 'old-pass-1', 'LiXiaoYan')).toEqual([{ field: 'newPassword', message: '新密码不能与用户名相同' }]);
    expect(newPasswordProblems('li', 'old-pass-1', 'good-pass-2')).toEqual([]);
  });
});
