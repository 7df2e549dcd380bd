import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** Someone is no longer a member of a group (removed or left), told after commit. */
export interface MembershipEnded {
  groupId: string;
  userId: string;
}

/**
 * Membership changes other features must act on at once: live rooms drop a former member's
 * sockets so that nothing more of the group reaches them.
 */
@Injectable()
export class MembershipNotices {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  ended(notice: MembershipEnded): void {
    this.emitter.emit('ended', notice);
  }

  onEnded(listener: (notice: MembershipEnded) => void): () => void {
    this.emitter.on('ended', listener);
    return () => this.emitter.off('ended', listener);
  }
}
